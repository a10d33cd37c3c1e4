#!/usr/bin/env node
// Committed (not built) so pnpm can link the bin at install, before `dist/` exists.
import '../dist/node/cli.js';
