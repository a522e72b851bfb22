/** Freezes a JSON-like value and everything inside it; returns it. */
export const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    // walked without `Object.keys`, which allocates an array of keys for every object (and spells out every index)
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
    else
      for (const key in value) {
        if (Object.hasOwn(value, key)) deepFreeze((value as Record<string, unknown>)[key]);
      }
  }
  return value;
};
