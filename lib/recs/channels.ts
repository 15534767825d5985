/** Tells every instance (and every open progress stream) that a training moved on: `{ version }`. */
export const TRAINING_PROGRESS_CHANNEL = "model_training_progress";
/** Tells every instance to load the active model versions again: `{ algorithm, version }`. */
export const MODELS_CHANNEL = "model_versions_changed";
