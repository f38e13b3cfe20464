/** "1 partner", "3 partners": English count phrases for the CLI and the core's English details. */
export function countOf(count: number, one: string, other: string): string {
  return `${count} ${count === 1 ? one : other}`;
}
