/** Passport with the local (email + password) strategy; sessions keep `<user id>:<password version>`. */
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { authenticate, findSessionUser, sessionKeyFor } from './user.service.js';

let configured = false;

export function configurePassport(): typeof passport {
  if (configured) return passport;
  configured = true;
  passport.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      authenticate(email, password)
        .then((user) => done(null, user ?? false))
        .catch(done);
    }),
  );
  passport.serializeUser((user, done) => {
    sessionKeyFor(user.id)
      .then((key) => done(null, key))
      .catch(done);
  });
  passport.deserializeUser((key: unknown, done) => {
    if (typeof key !== 'string') return done(null, false);
    findSessionUser(key)
      .then((user) => done(null, user ?? false))
      .catch(done);
  });
  return passport;
}
