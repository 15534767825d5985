export * from "./users";
export * from "./catalog";
export * from "./showtimes";
export * from "./events";
