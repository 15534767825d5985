export * from "./users";
export * from "./catalog";
export * from "./showtimes";
export * from "./events";
export * from "./recs";
export * from "./feedback";
export * from "./experiments";
