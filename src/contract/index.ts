export * from "./logical-names";
export * from "./outputs";
export * from "./principal-names";
export * from "./tokens";
export * from "./urns";
export * from "./shards";
export * from "./scope-release";
