// The store data to import: a JSON file in the seed shape ({ "stores": [...], "goods": [...] }),
// or the demo café (tools/seed/demo.ts), which --write-example saves as a file to edit.
import fs from 'node:fs';
import { demoData } from '../../seed/demo';
import { DeployError } from '../cli';

export function readStoreFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new DeployError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DeployError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

/** A fresh copy of the demo data (validation may fill in fields). */
export function demoStoreData(): unknown {
  return JSON.parse(JSON.stringify(demoData)) as unknown;
}

/**
 * Writes the demo café as JSON for the owner to edit; never overwrites a file. Without the
 * stores' live state (a staff pause, the catalog version): the console owns those, and a field
 * the file leaves out keeps its value on import.
 */
export function writeExample(file: string): void {
  if (fs.existsSync(file)) throw new DeployError(`${file} already exists; not overwritten`);
  const example = JSON.parse(JSON.stringify(demoData)) as typeof demoData;
  for (const store of example.stores as Array<Record<string, unknown>>) {
    delete store.statusOverride;
    delete store.catalogVersion;
  }
  fs.writeFileSync(file, `${JSON.stringify(example, null, 2)}\n`);
}
