/**
 * The accounts module: registration, login, email verification, password reset, people and
 * their roles, and each person's own data.
 * Other modules, the app and jobs import only this file (eslint enforces it).
 */
export { subscribeAccountNotifications } from './accounts.notifications.js';
export { accountsRouter } from './accounts.routes.js';
export { rolesFormSchema, userListQuerySchema } from './accounts.schemas.js';
export { assertEmailVerified } from './email-verification.service.js';
export { type MyDataSources } from './my-data.service.js';
export { configurePassport } from './passport.js';
export { hashPassword } from './password.js';
export {
  contactsByIds,
  contactsWithRole,
  peopleByEmails,
  peopleByIds,
  reviewersByEmails,
  userIdByEmail,
  type PersonContact,
  type PersonName,
} from './people.service.js';
export { normaliseRoles } from './roles.js';
export { SESSIONS_COLLECTION, purgeExpiredSessions } from './session.service.js';
export { addRoleForUser, getUser, listUsers, setPreferredLanguage, setRoles } from './user.service.js';
