export { type ImportOptions, type ImportProblem, type ImportResult, importNotificationSettings, SCHEMA_URL } from "./import.js";
