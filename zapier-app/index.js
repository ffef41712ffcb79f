// Zapier's runtime wrapper (zapierwrapper.js) requires ./index.js of the app root, not package.json
// "main"; the app itself is compiled TypeScript in dist/.
module.exports = require('./dist/index.js');
