/** SQLite's `synchronous` levels; see https://sqlite.org/pragma.html#pragma_synchronous. */
export type SynchronousLevel = 'OFF' | 'NORMAL' | 'FULL' | 'EXTRA';
