'use strict';
const Client = require('./client');

// A client configured from the environment, as most services deploy it.
function fromEnvironment() {
  return new Client(process.env.DATABASE_URL);
}

module.exports = { Client, fromEnvironment };
