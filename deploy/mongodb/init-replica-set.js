// Run by the mongodb-init job with mongosh, logged in as MongoDB's root user:
// initiates the one-member replica set rs0 the first time, waits for it to elect a primary, and
// creates Tideway's user (readWrite on the tideway database only), or sets its password and roles
// to the ones in .env. Idempotent: it runs on every `compose up`.
/* global rs, db, sleep, print, process */
const REPLICA_SET = 'rs0';
const MEMBER = 'mongodb:27017';
const DATABASE = 'tideway';

let initiated = true;
try {
  rs.status();
} catch (error) {
  if (error.codeName !== 'NotYetInitialized') throw error;
  initiated = false;
}
if (initiated) {
  print(`replica set ${REPLICA_SET}: already initiated`);
} else {
  rs.initiate({ _id: REPLICA_SET, members: [{ _id: 0, host: MEMBER }] });
  print(`replica set ${REPLICA_SET}: initiated with ${MEMBER}`);
}

for (let waited = 0; !db.hello().isWritablePrimary; waited += 500) {
  if (waited > 120_000) throw new Error(`replica set ${REPLICA_SET}: no primary after 120 s`);
  sleep(500);
}
print(`replica set ${REPLICA_SET}: primary is ${db.hello().primary}`);

const user = process.env.MONGODB_APP_USER;
const pwd = process.env.MONGODB_APP_PASSWORD;
if (!user || !pwd) throw new Error('MONGODB_APP_USER and MONGODB_APP_PASSWORD are required');
const admin = db.getSiblingDB('admin');
const roles = [{ role: 'readWrite', db: DATABASE }];
if (admin.getUser(user)) {
  admin.updateUser(user, { pwd, roles });
  print(`user ${user}: password and roles updated`);
} else {
  admin.createUser({ user, pwd, roles });
  print(`user ${user}: created, readWrite on ${DATABASE}`);
}
