/** One difference between two JSON values: `before` absent = added, `after` absent = removed. */
export interface JsonChange {
  path: string;
  before?: unknown;
  after?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Leaf-level differences between two JSON values; arrays compare element by element. */
export function diffJson(before: unknown, after: unknown, path = ''): JsonChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => {
      const child = path ? `${path}.${key}` : key;
      if (!(key in before)) return [{ path: child, after: after[key] }];
      if (!(key in after)) return [{ path: child, before: before[key] }];
      return diffJson(before[key], after[key], child);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, index) => {
      const child = `${path}[${index}]`;
      if (index >= before.length) return [{ path: child, after: after[index] }];
      if (index >= after.length) return [{ path: child, before: before[index] }];
      return diffJson(before[index], after[index], child);
    }).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path: path || '(root)', before, after }];
}
