/** How many log lines `gateway.logs` gives by default, and at most (kept apart from the schemas so the CLI's help stays light). */
export const DEFAULT_LOG_LINES = 200;
export const MAX_LOG_LINES = 5000;
