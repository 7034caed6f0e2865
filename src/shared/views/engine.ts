/** The Handlebars engine: layouts, partials and one helper per file in ./helpers. */
import path from 'node:path';
import { create, type ExpressHandlebars } from 'express-handlebars';
import { VIEWS_DIR } from '../paths.js';
import t from './helpers/t.js';
import money from './helpers/money.js';
import date from './helpers/date.js';
import month from './helpers/month.js';
import eq from './helpers/eq.js';
import includes from './helpers/includes.js';
import localized from './helpers/localized.js';
import csrf from './helpers/csrf.js';
import fieldError from './helpers/field-error.js';
import percent from './helpers/percent.js';
import concat from './helpers/concat.js';
import number from './helpers/number.js';
import add from './helpers/add.js';
import fixed from './helpers/fixed.js';
import oneOf from './helpers/one-of.js';
import pageTitle from './helpers/page-title.js';

export const helpers = {
  t,
  money,
  date,
  month,
  eq,
  includes,
  localized,
  csrf,
  fieldError,
  percent,
  concat,
  number,
  add,
  fixed,
  oneOf,
  pageTitle,
};

export function createViewEngine(): ExpressHandlebars {
  return create({
    extname: '.hbs',
    defaultLayout: 'main',
    layoutsDir: path.join(VIEWS_DIR, 'layouts'),
    partialsDir: path.join(VIEWS_DIR, 'partials'),
    helpers,
    // Views get plain objects from services; this lets them read those without prototype tricks.
    runtimeOptions: { allowProtoPropertiesByDefault: false },
  });
}
