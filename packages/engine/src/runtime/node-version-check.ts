// Imported first by the package's index, so that an unsupported Node.js fails here, in one
// sentence naming what to install, rather than somewhere inside the first call.
import { requireSupportedNode } from './supported-node.js';

requireSupportedNode();
