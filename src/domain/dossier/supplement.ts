/**
 * The items of a supplement request (yêu cầu bổ sung) as upload slots. The request names its items as text:
 * the desk picks some of the dossier's components by name and may type other papers (giấy tờ khác). An
 * item that is a component's name is supplied as that component's files; any other item has a slot of its
 * own, its files kept with the request (its event) and the item's index.
 */
export interface SupplementSlot {
  /** Index of the item in the request's `items`. */
  itemIdx: number;
  item: string;
  /** The component the item names, or null for another paper. */
  componentIdx: number | null;
}

const comparable = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

export function supplementSlots(
  components: readonly { name: string }[],
  items: readonly string[],
): SupplementSlot[] {
  const byName = new Map<string, number>();
  components.forEach((c, idx) => {
    if (!byName.has(comparable(c.name))) byName.set(comparable(c.name), idx);
  });
  return items.map((item, itemIdx) => ({
    itemIdx,
    item,
    componentIdx: byName.get(comparable(item)) ?? null,
  }));
}
