import type { Role } from '../domain/roles.js';
import { isDuplicateKeyError } from './errors.js';
import { UserModel } from './models/user.js';
import { SessionModel } from './models/session.js';
import { decoyHash, hashPassword, PASSWORD_MIN_LENGTH, verifyPassword } from './password-hash.js';

/** Sign-in names: lower-case letters, digits and `.`, `_`, `-`, `@` (an email works), up to 64. */
export const USER_NAME = /^[a-z0-9][a-z0-9._@-]{0,63}$/;

export interface Person {
  name: string;
  role: Role;
  createdAt: Date;
  disabled: boolean;
}

const person = (doc: { _id: string; role: string; createdAt: Date; disabled?: boolean | null }): Person => ({
  name: doc._id,
  role: doc.role as Role,
  createdAt: doc.createdAt,
  disabled: doc.disabled ?? false,
});

/** Thrown when a person cannot be added: a name taken or malformed, a weak password. */
export class UserRefusedError extends Error {
  override name = 'UserRefusedError';
  constructor(
    message: string,
    /** The name belongs to someone already (else the name or password is malformed). */
    readonly taken = false,
  ) {
    super(message);
  }
}

/** The change would leave no admin who can sign in. */
export class LastAdminError extends Error {
  override name = 'LastAdminError';
}

/** Throws UserRefusedError for a malformed name or a password under 12 characters. */
export function checkNewUser(name: string, password: string): void {
  if (!USER_NAME.test(name)) throw new UserRefusedError(`"${name}" is not a sign-in name: lower-case letters, digits and . _ - @, up to 64`);
  if ([...password].length < PASSWORD_MIN_LENGTH) throw new UserRefusedError(`the password needs at least ${PASSWORD_MIN_LENGTH} characters`);
}

export async function addUser(name: string, role: Role, password: string, at = new Date()): Promise<Person> {
  checkNewUser(name, password);
  try {
    return person((await UserModel.create({ _id: name, role, passwordHash: await hashPassword(password), createdAt: at })).toObject());
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new UserRefusedError(`"${name}" exists already`, true);
    throw error;
  }
}

export async function listUsers(): Promise<Person[]> {
  return (await UserModel.find({}, { passwordHash: 0 }).sort({ _id: 1 }).lean()).map(person);
}

/** Disables a person and ends their sessions; false when there is no such person. */
export async function disableUser(name: string, at = new Date()): Promise<boolean> {
  const found = await UserModel.findOneAndUpdate({ _id: name }, { $set: { disabled: true, disabledAt: at } }, { lean: true });
  if (!found) return false;
  await SessionModel.deleteMany({ name });
  return true;
}

export interface UserChange {
  role?: Role;
  disabled?: boolean;
}

/**
 * Changes a person's role or enables or disables them (disabling ends their sessions); undefined when
 * there is no such person. Throws LastAdminError rather than leave no enabled admin. Two admins
 * demoting each other at the same moment could both pass the check (there are no transactions).
 */
export async function changeUser(name: string, { role, disabled }: UserChange, at = new Date()): Promise<{ before: Person; after: Person } | undefined> {
  const found = await UserModel.findById(name, { passwordHash: 0 }).lean();
  if (!found) return undefined;
  const before = person(found);
  const wasAdmin = before.role === 'admin' && !before.disabled;
  const staysAdmin = (role ?? before.role) === 'admin' && !(disabled ?? before.disabled);
  if (wasAdmin && !staysAdmin && (await UserModel.countDocuments({ _id: { $ne: name }, role: 'admin', disabled: { $ne: true } })) === 0) {
    throw new LastAdminError(`"${name}" is the last enabled admin; make another admin first`);
  }
  if (role && role !== before.role) await UserModel.updateOne({ _id: name }, { $set: { role } });
  if (disabled === true && !before.disabled) await disableUser(name, at);
  if (disabled === false && before.disabled) await UserModel.updateOne({ _id: name }, { $set: { disabled: false }, $unset: { disabledAt: 1 } });
  return { before, after: { ...before, role: role ?? before.role, disabled: disabled ?? before.disabled } };
}

/**
 * The person when the password is theirs and they are not disabled, else undefined. An unknown name
 * is checked against a decoy hash, so it takes as long as a wrong password.
 */
export async function checkSignIn(name: string, password: string): Promise<Person | undefined> {
  const user = USER_NAME.test(name) ? await UserModel.findById(name).lean() : null;
  const matches = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
  return user && matches && !user.disabled ? person(user) : undefined;
}

/** The person behind a session: found and not disabled. */
export async function activeUser(name: string): Promise<Person | undefined> {
  const user = await UserModel.findById(name, { passwordHash: 0 }).lean();
  return user && !user.disabled ? person(user) : undefined;
}
