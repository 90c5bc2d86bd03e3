// Requires every public package from CommonJS, so that anything in their module graphs that
// require() cannot load (a top-level await) fails here; prints each package's export count.
const names = JSON.parse(process.argv[2]);
console.log(JSON.stringify(Object.fromEntries(names.map((name) => [name, Object.keys(require(name)).length]))));
