import type { Incident } from "../types.js";

/**
 * The incident while the projection folds its timeline into it: the one mutable value of the fold, frozen
 * into the Incident the projection returns. Its own module so the fold's steps need not import the fold.
 */
export type Draft = Incident;
