// Stands in for the `server-only` marker package outside the React server runtime.
export {};
