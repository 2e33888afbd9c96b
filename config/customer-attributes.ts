import { fileURLToPath } from 'node:url';
import { type AttributeDeclarations, attributeDeclarationsSchema } from '../domain/customer-attributes.js';
import { loadJsonConfig } from './json-config.js';

/** The custom attributes customers may carry: `config/customer-attributes.json`, or the file TIDEWAY_CUSTOMER_ATTRIBUTES names. */
export const DEFAULT_CUSTOMER_ATTRIBUTES_FILE = fileURLToPath(new URL('./customer-attributes.json', import.meta.url));

export function loadCustomerAttributes(file = DEFAULT_CUSTOMER_ATTRIBUTES_FILE): AttributeDeclarations {
  return loadJsonConfig(file, attributeDeclarationsSchema, 'Customer attributes');
}
