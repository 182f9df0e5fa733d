// Cursor pages: a query fetches one row more than the page, and the cursor names the page's last row.

export function cursorPage<R>(rows: R[], limit: number, cursorOf: (last: R) => string) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
