/** What a report was made from. */
export interface Provenance {
  /** The commit the repository's checkout is at, where the file is in one. */
  commit?: string;
  /** The text reported differs from the file on disk (an unsaved edit). */
  changed?: boolean;
}
