import { renameSync, writeFileSync } from "node:fs";
import { modelPath, renderModel } from "./model-source.mjs";

writeFileSync(`${modelPath}.tmp`, await renderModel());
renameSync(`${modelPath}.tmp`, modelPath);
