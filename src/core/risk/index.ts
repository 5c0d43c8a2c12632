// Denial risk: low / medium / high with its reasons. Used inside the core only: nothing is public yet.
export {};
