export type Doc = Record<string, unknown> & { _id: string };

/** The post-image of one document after a write; `doc: null` means it was removed. */
export interface Change {
  coll: string;
  id: string;
  doc: Doc | null;
}

export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  order?: SortSpec;
  offset?: number;
  limit?: number;
  projection?: Record<string, unknown>;
}
