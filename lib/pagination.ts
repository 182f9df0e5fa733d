// Cursor pages: a query fetches one row more than the page, and the cursor names the page's last row.

export function cursorPage<R>(rows: R[], limit: number, cursorOf: (last: R) => string) {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return { data, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}

/**
 * A page both ways. Read on (`back` null): the rows after the cursor, in the list's order, and a
 * cursor back when the page did not start at the top (`from` set). Read back (`back`: the cursor
 * paged back from): the rows came in the reverse order and are shown in the list's; the page paged
 * back from follows, so its next cursor is always there.
 */
export function pageBothWays<R>(
  rows: R[],
  limit: number,
  cursorOf: (row: R) => string,
  { back, from }: { back: string | null; from: boolean },
): { data: R[]; nextCursor: string | null; prevCursor: string | null } {
  if (back === null) {
    const page = cursorPage(rows, limit, cursorOf);
    return { ...page, prevCursor: from && page.data.length ? cursorOf(page.data[0]!) : null };
  }
  const data = rows.slice(0, limit).reverse();
  return {
    data,
    nextCursor: data.length ? cursorOf(data.at(-1)!) : back,
    prevCursor: rows.length > limit && data.length ? cursorOf(data[0]!) : null,
  };
}
