import { documentedRoutes } from '../routes/api-routes.js';
import { openApiDocument } from './openapi-document.js';

/** Where the repository keeps the generated document, from its root. */
export const OPENAPI_FILE = 'docs/openapi.json';

/** The OpenAPI document as committed: two-space indented JSON with a final newline. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(documentedRoutes), null, 2)}\n`;
}
