// Choosing options in the spec picker: single-choice groups switch, multiple-choice groups and
// add-ons toggle, and a required single choice cannot be emptied. Pure, so it is unit-tested.
import type { GoodsSelection, SpecGroup } from '../../../../domain/catalog';

export function toggleOption(
  selection: GoodsSelection,
  group: SpecGroup,
  optionId: string,
): GoodsSelection {
  const current = selection.specs?.[group.id] ?? [];
  const chosen = current.includes(optionId);
  let next: string[];
  if (group.multiple) {
    next = chosen ? current.filter((id) => id !== optionId) : [...current, optionId];
  } else if (chosen) {
    next = group.required ? current : [];
  } else {
    next = [optionId];
  }
  const specs = { ...selection.specs };
  if (next.length > 0) specs[group.id] = next;
  else delete specs[group.id];
  return { ...selection, specs };
}

export function toggleAddOn(selection: GoodsSelection, addOnId: string): GoodsSelection {
  const current = selection.addOns ?? [];
  const addOns = current.includes(addOnId)
    ? current.filter((id) => id !== addOnId)
    : [...current, addOnId];
  return { ...selection, addOns };
}

/** The first required group nothing is chosen in: the customer must pick there before adding. */
export function firstMissingGroup(
  groups: readonly SpecGroup[],
  selection: GoodsSelection,
): SpecGroup | undefined {
  return groups.find((group) => group.required && !(selection.specs?.[group.id] ?? []).length);
}

/** What a group's heading says about choosing in it: 必选, 可多选 or both. */
export function groupHint(group: SpecGroup): string {
  return [group.required ? '必选' : '', group.multiple ? '可多选' : ''].filter(Boolean).join(' · ');
}
