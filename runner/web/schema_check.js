// Checks a value against the subset of JSON Schema that runner/results.schema.json uses, so the page accepts
// only results of the documented shape (type, required, properties, items, enum, const, $ref, lengths, bounds).

/** @returns {string[]} problems; empty when the value conforms */
export function check(schema, value, root = schema, path = "$") {
  if (schema.$ref) return check(resolve(root, schema.$ref), value, root, path);
  const problems = [];
  if ("const" in schema && value !== schema.const) problems.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path}: not one of ${schema.enum.join(", ")}`);
  if (schema.type && ![].concat(schema.type).some((type) => isType(value, type))) {
    return [...problems, `${path}: not of type ${[].concat(schema.type).join(" or ")}`];
  }
  if (typeof value === "string") {
    if (schema.maxLength !== undefined && value.length > schema.maxLength) problems.push(`${path}: too long`);
    if (schema.minLength !== undefined && value.length < schema.minLength) problems.push(`${path}: too short`);
  }
  if (typeof value === "number" && schema.minimum !== undefined && value < schema.minimum) {
    problems.push(`${path}: below ${schema.minimum}`);
  }
  if (typeof value === "number" && schema.maximum !== undefined && value > schema.maximum) {
    problems.push(`${path}: above ${schema.maximum}`);
  }
  if (isType(value, "object")) {
    for (const key of schema.required || []) if (!(key in value)) problems.push(`${path}: lacks ${key}`);
    for (const [key, sub] of Object.entries(schema.properties || {})) {
      if (key in value) problems.push(...check(sub, value[key], root, `${path}.${key}`));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) => problems.push(...check(schema.items, item, root, `${path}[${index}]`)));
  }
  return problems;
}

function resolve(root, ref) {
  return ref.replace(/^#\//, "").split("/").reduce((node, key) => node[key], root);
}

function isType(value, type) {
  switch (type) {
    case "object": return value !== null && typeof value === "object" && !Array.isArray(value);
    case "array": return Array.isArray(value);
    case "string": return typeof value === "string";
    case "number": return typeof value === "number" && Number.isFinite(value);
    case "integer": return Number.isInteger(value);
    case "null": return value === null;
    case "boolean": return typeof value === "boolean";
    default: return false;
  }
}
