/** The list with `item` replacing the entry of the same id, or added (at the end, or the start for newest-first lists). */
export function upsertById<T extends { id: string }>(list: readonly T[], item: T, addAt: 'end' | 'start' = 'end'): T[] {
  if (list.some((entry) => entry.id === item.id)) return list.map((entry) => (entry.id === item.id ? item : entry))
  return addAt === 'start' ? [item, ...list] : [...list, item]
}
