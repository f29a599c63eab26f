// fs-native-extensions ships no types; this is the part the data-directory lock uses.
declare module 'fs-native-extensions' {
  /** An exclusive (or shared) lock on `fd`; false when another open file holds a conflicting one. */
  export function tryLock(fd: number, options?: { shared?: boolean }): boolean;
  export function unlock(fd: number): void;
}
