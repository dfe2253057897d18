export * from "./logical-names";
export * from "./outputs";
export * from "./tokens";
