/** The same keys as T, every leaf a string: how a translation must mirror zh-CN. */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
