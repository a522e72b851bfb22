/** What orders a lot oldest first; none of it changes once the lot is made. */
export interface LotKey {
  readonly earningId: string;
  readonly availableAt: number;
  readonly expiresAt?: number;
}

interface LotNode {
  readonly key: LotKey;
  readonly priority: number;
  readonly left: LotOrder;
  readonly right: LotOrder;
}

/**
 * Lots in oldest-first order, as an immutable treap: inserting or removing one builds O(log n) new nodes and shares
 * the rest, so a state that changes one lot does not copy the others (nor make a snapshot freeze them again). The
 * priorities are hashes of the ids, so one set of lots has one shape whatever order it was built in.
 */
export type LotOrder = LotNode | undefined;

/**
 * Oldest first: earliest `expiresAt` (a lot that never expires comes last), then earliest `availableAt`, then id.
 * Spending what expires soonest first is what loses the member the fewest points; the rest only makes it total.
 */
export const oldestFirst = (a: LotKey, b: LotKey): number =>
  (a.expiresAt ?? Number.POSITIVE_INFINITY) - (b.expiresAt ?? Number.POSITIVE_INFINITY) ||
  a.availableAt - b.availableAt ||
  (a.earningId < b.earningId ? -1 : a.earningId > b.earningId ? 1 : 0);

/** FNV-1a of the id: a priority that is random enough to balance the tree and the same on every fold. */
export const priorityOf = (id: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash >>> 0;
};

/** Whether `a` sits above `b` in the heap; ties of priority fall to the order, so the shape stays unique. */
const above = (a: LotNode, b: LotNode) =>
  a.priority > b.priority || (a.priority === b.priority && oldestFirst(a.key, b.key) < 0);

/** The nodes before `key` and those after it (a node equal to it is dropped). */
const split = (node: LotOrder, key: LotKey): [LotOrder, LotOrder] => {
  if (node === undefined) return [undefined, undefined];
  const order = oldestFirst(node.key, key);
  if (order < 0) {
    const [left, right] = split(node.right, key);
    return [{ ...node, right: left }, right];
  }
  const [left, right] = split(node.left, key);
  return [left, order === 0 ? right : { ...node, left: right }];
};

/** One tree of `a` then `b`, every key of `a` being before every key of `b`. */
const merge = (a: LotOrder, b: LotOrder): LotOrder => {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return above(a, b) ? { ...a, right: merge(a.right, b) } : { ...b, left: merge(a, b.left) };
};

const insertNode = (node: LotOrder, fresh: LotNode): LotNode => {
  if (node === undefined) return fresh;
  if (above(fresh, node)) {
    const [left, right] = split(node, fresh.key);
    return { ...fresh, left, right };
  }
  const order = oldestFirst(fresh.key, node.key);
  if (order === 0) return { ...node, key: fresh.key };
  return order < 0
    ? { ...node, left: insertNode(node.left, fresh) }
    : { ...node, right: insertNode(node.right, fresh) };
};

/** The order with the lot of `key` in it (in place of one with the same key). */
export const insertLot = (order: LotOrder, key: LotKey): LotOrder =>
  insertNode(order, {
    key: {
      earningId: key.earningId,
      availableAt: key.availableAt,
      ...(key.expiresAt === undefined ? {} : { expiresAt: key.expiresAt }),
    },
    priority: priorityOf(key.earningId),
    left: undefined,
    right: undefined,
  });

/** The order without the lot of `key` (the same order when it holds none). */
export const removeLot = (order: LotOrder, key: LotKey): LotOrder => {
  if (order === undefined) return order;
  const at = oldestFirst(key, order.key);
  if (at === 0) return merge(order.left, order.right);
  if (at < 0) {
    const left = removeLot(order.left, key);
    return left === order.left ? order : { ...order, left };
  }
  const right = removeLot(order.right, key);
  return right === order.right ? order : { ...order, right };
};

/** The keys oldest first; stopping early visits only the nodes on the way. */
export function* lotsInOrder(order: LotOrder): Generator<LotKey> {
  const path: LotNode[] = [];
  let node = order;
  while (node !== undefined || path.length > 0) {
    while (node !== undefined) {
      path.push(node);
      node = node.left;
    }
    const next = path.pop()!;
    yield next.key;
    node = next.right;
  }
}
