#!/usr/bin/env node
"use strict";
const { join } = require("node:path");
const { version } = require("../package.json");

require("../dist/launcher.cjs").launch(join(__dirname, "../dist/cli.cjs"), version);
