// A scrolling region: which of `count` lines to show in `height` lines so that line `focus` stays
// visible, and how many are left out above and below (each shown as a "more" mark, which takes a
// line of the height itself).

export interface ScrollWindow {
  start: number;
  end: number;
  above: number;
  below: number;
}

export function scrollWindow(count: number, focus: number, height: number): ScrollWindow {
  const h = Math.max(height, 1);
  if (count <= h) return { start: 0, end: count, above: 0, below: 0 };
  // Room for the lines when both marks show; a mark at an end is not needed.
  const room = Math.max(h - 2, 1);
  let start = Math.max(Math.min(focus - Math.floor(room / 2), count - room), 0);
  if (start === 0) {
    const end = Math.min(h - 1, count);
    return { start: 0, end, above: 0, below: count - end };
  }
  if (start + room >= count - 1) {
    start = Math.max(count - (h - 1), 0);
    return { start, end: count, above: start, below: 0 };
  }
  return { start, end: start + room, above: start, below: count - start - room };
}
