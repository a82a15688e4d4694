// Joins class names, skipping falsy entries. Deliberately tiny: the primitives avoid conflicting classes
// instead of relying on a merge library.
export type ClassValue = string | false | null | undefined | 0;

export function cn(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
