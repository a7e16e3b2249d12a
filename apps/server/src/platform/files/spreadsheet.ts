/**
 * Formula injection (CSV/xlsx injection): a text cell starting with = + - @ (or a tab / CR) could be
 * evaluated by a spreadsheet; a leading single quote keeps it text. Every export writes text through this.
 */
export function neutraliseCell(v: string | null | undefined): string {
  if (v === null || v === undefined) return '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}
