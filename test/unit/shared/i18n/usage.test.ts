import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import ts from 'typescript';
import { catalogue, LOCALES, type Locale } from '../../../../src/shared/i18n/index.js';
import { PROJECT_ROOT } from '../../../../src/shared/paths.js';

/**
 * i18next leaves a placeholder it gets no value for as it is, so a person reads "{{count}} files
 * attached". This reads every message use the code can name statically — `{{t "key" a=b}}` in the
 * views, `translate(locale, 'key', { … })` in the code, and every `queueMail({ template, params })`
 * (subject and body) — and checks, in Thai and English, that the key exists and that each
 * {{placeholder}} of its message (every plural form, which also needs `count`) is passed.
 */

const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];
/** Templates no app code sends: `welcome` stays for the mailer's own tests (test/e2e/mail.test.ts). */
const NOT_SENT_BY_THE_APP = ['welcome'];
/** Params the mailer adds to every email itself (src/shared/mail/mailer.ts composeMail). */
const MAIL_IMPLICIT = ['appName'];

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

const catalogues = Object.fromEntries(LOCALES.map((l) => [l, catalogue(l)])) as Record<Locale, Record<string, unknown>>;

/** The message's forms in a locale (one, or one per plural suffix), or null when the key is missing. */
function forms(locale: Locale, key: string): { texts: string[]; plural: boolean } | null {
  const parts = key.split('.');
  const last = parts.pop() as string;
  let node: unknown = catalogues[locale];
  for (const part of parts)
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (!node || typeof node !== 'object') return null;
  const parent = node as Record<string, unknown>;
  if (typeof parent[last] === 'string') return { texts: [parent[last]], plural: false };
  const plurals = PLURAL_SUFFIXES.map((s) => parent[`${last}_${s}`]).filter((v): v is string => typeof v === 'string');
  return plurals.length ? { texts: plurals, plural: true } : null;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map(
    (m) => (m[1] as string).split('.')[0] as string,
  );
}

interface Use {
  where: string;
  key: string;
  /** The names passed; null when they cannot be known statically (then only the key is checked). */
  params: string[] | null;
}

function problemsOf(use: Use): string[] {
  const problems: string[] = [];
  for (const locale of LOCALES) {
    const found = forms(locale, use.key);
    if (!found) {
      problems.push(`${use.where}: "${use.key}" is missing in ${locale}`);
      continue;
    }
    if (!use.params) continue;
    const passed = new Set(use.params);
    if (found.plural && !passed.has('count'))
      problems.push(`${use.where}: "${use.key}" is a plural in ${locale} but no count is passed`);
    const missing = [...new Set(found.texts.flatMap(placeholders))].filter((name) => !passed.has(name));
    if (missing.length)
      problems.push(
        `${use.where}: "${use.key}" in ${locale} shows {{${missing.join('}}, {{')}}} but gets only [${use.params.join(', ')}]`,
      );
  }
  return problems;
}

// ---- views: {{t "key" a=b}} and (t "key" a=b) ----

function viewUses(): Use[] {
  const uses: Use[] = [];
  for (const file of filesUnder(path.join(PROJECT_ROOT, 'views'), '.hbs')) {
    const rel = path.relative(PROJECT_ROOT, file);
    const visitor = new Handlebars.Visitor();
    const collect = (node: hbs.AST.MustacheStatement | hbs.AST.SubExpression) => {
      const callee = node.path as hbs.AST.PathExpression;
      const first = node.params[0];
      if (callee.original === 't' && first?.type === 'StringLiteral') {
        const names = (node.hash?.pairs ?? []).map((p) => p.key);
        // `params=object` passes names only known at run time (a flash message's params).
        uses.push({
          where: `${rel}:${node.loc.start.line}`,
          key: (first as hbs.AST.StringLiteral).value,
          params: names.includes('params') ? null : names,
        });
      }
    };
    const base = Handlebars.Visitor.prototype;
    visitor.MustacheStatement = function (node) {
      collect(node);
      base.MustacheStatement.call(this, node);
    };
    visitor.SubExpression = function (node) {
      collect(node);
      base.SubExpression.call(this, node);
    };
    visitor.accept(Handlebars.parse(readFileSync(file, 'utf8')));
  }
  return uses;
}

// ---- code: translate(locale, 'key', { … }) and queueMail({ template, params }) ----

type Env = Map<string, ts.Expression>;

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  for (let n = node.parent; n; n = n.parent)
    if (ts.isFunctionLike(n) && 'body' in n) return n as ts.FunctionLikeDeclaration;
  return undefined;
}

function functionName(fn: ts.FunctionLikeDeclaration): string | undefined {
  if (ts.isFunctionDeclaration(fn) && fn.name) return fn.name.text;
  if (ts.isVariableDeclaration(fn.parent) && ts.isIdentifier(fn.parent.name)) return fn.parent.name.text;
  return undefined;
}

/**
 * The bindings a node may be evaluated under: when the function around it is a named helper
 * (`mailUser(userId, template, params)`), one per call of it in the file, parameter → argument;
 * otherwise (an event handler) none.
 */
function environments(node: ts.Node, file: ts.SourceFile): Env[] {
  const fn = enclosingFunction(node);
  const name = fn && functionName(fn);
  if (!fn || !name) return [new Map()];
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name) calls.push(n);
    ts.forEachChild(n, visit);
  };
  visit(file);
  if (!calls.length) return [new Map()];
  return calls.map(
    (call) =>
      new Map(
        fn.parameters.flatMap((p, i) =>
          ts.isIdentifier(p.name) && call.arguments[i] ? [[p.name.text, call.arguments[i]] as const] : [],
        ),
      ),
  );
}

function typeLiterals(type: ts.TypeNode | undefined): string[] | null {
  if (!type) return null;
  if (ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal)) return [type.literal.text];
  if (ts.isUnionTypeNode(type)) {
    const all = type.types.map(typeLiterals);
    return all.every((t) => t) ? (all.flat() as string[]) : null;
  }
  return null;
}

/** The strings an expression can be, or null when that is not known statically. */
function literals(expr: ts.Expression, env: Env, fn: ts.FunctionLikeDeclaration | undefined): string[] | null {
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return [expr.text];
  if (ts.isParenthesizedExpression(expr)) return literals(expr.expression, env, fn);
  if (ts.isConditionalExpression(expr)) {
    const a = literals(expr.whenTrue, env, fn);
    const b = literals(expr.whenFalse, env, fn);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isIdentifier(expr)) {
    const bound = env.get(expr.text);
    if (bound) return literals(bound, new Map(), undefined);
    const param = fn?.parameters.find((p) => ts.isIdentifier(p.name) && p.name.text === expr.text);
    return typeLiterals(param?.type);
  }
  return null;
}

/** The property names of an object expression, or null when not known statically. */
function keys(expr: ts.Expression, env: Env): string[] | null {
  if (ts.isParenthesizedExpression(expr)) return keys(expr.expression, env);
  if (ts.isIdentifier(expr)) {
    const bound = env.get(expr.text);
    return bound ? keys(bound, new Map()) : null;
  }
  if (!ts.isObjectLiteralExpression(expr)) return null;
  const names: string[] = [];
  for (const prop of expr.properties) {
    if (ts.isSpreadAssignment(prop)) {
      const spread = keys(prop.expression, env);
      if (!spread) return null;
      names.push(...spread);
    } else if (prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))) {
      names.push(prop.name.text);
    } else {
      return null;
    }
  }
  return names;
}

function property(obj: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const prop of obj.properties) {
    if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name) && prop.name.text === name) return prop.initializer;
    if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === name) return prop.name;
  }
  return undefined;
}

/**
 * What the layout's flash line (`{{#each flash}} … {{t key …}}`) hands to the message, given the
 * params the code flashed: all of them with `params=params`, else only the names it picks.
 */
function flashPasses(layoutSource: string): (params: string[]) => string[] {
  const layout = Handlebars.parse(layoutSource);
  let pairs: hbs.AST.HashPair[] | null = null;
  const visitor = new Handlebars.Visitor();
  const base = Handlebars.Visitor.prototype;
  visitor.MustacheStatement = function (node) {
    const first = node.params[0];
    if (
      (node.path as hbs.AST.PathExpression).original === 't' &&
      first?.type === 'PathExpression' &&
      (first as hbs.AST.PathExpression).original === 'key'
    )
      pairs = node.hash?.pairs ?? [];
    base.MustacheStatement.call(this, node);
  };
  visitor.accept(layout);
  const found = pairs as hbs.AST.HashPair[] | null;
  assert.ok(found, 'the layout shows flash messages with {{t key …}}');
  return (params) =>
    found.flatMap((pair) => {
      const value = pair.value.type === 'PathExpression' ? (pair.value as hbs.AST.PathExpression).original : null;
      if (pair.key === 'params' && value === 'params') return params;
      if (value?.startsWith('params.')) return params.includes(value.slice('params.'.length)) ? [pair.key] : [];
      return [pair.key];
    });
}

let parsed: ReturnType<typeof readCode> | undefined;
/** Parsed once for the tests below. */
function codeUses(): ReturnType<typeof readCode> {
  parsed ??= readCode();
  return parsed;
}

function readCode(): { translations: Use[]; mails: Use[]; flashes: Use[]; unresolved: string[]; mailCalls: number } {
  const translations: Use[] = [];
  const mails: Use[] = [];
  const flashes: Use[] = [];
  const layoutPasses = flashPasses(readFileSync(path.join(PROJECT_ROOT, 'views', 'layouts', 'main.hbs'), 'utf8'));
  const unresolved: string[] = [];
  let mailCalls = 0;
  for (const file of [
    ...filesUnder(path.join(PROJECT_ROOT, 'src'), '.ts'),
    ...filesUnder(path.join(PROJECT_ROOT, 'jobs'), '.ts'),
  ]) {
    const rel = path.relative(PROJECT_ROOT, file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node) => `${rel}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        const fn = enclosingFunction(node);
        const [first, second, third] = node.arguments;
        if (
          node.expression.text === 'translate' &&
          second &&
          (ts.isStringLiteral(second) || ts.isNoSubstitutionTemplateLiteral(second))
        ) {
          translations.push({ where: at(node), key: second.text, params: third ? keys(third, new Map()) : [] });
        }
        if (node.expression.text === 'flash' && second) {
          // flash(req, { key, params }) or flash(req, condition ? { … } : { … })
          const messages = ts.isConditionalExpression(second) ? [second.whenTrue, second.whenFalse] : [second];
          for (const message of messages) {
            if (!ts.isObjectLiteralExpression(message)) continue;
            const key = property(message, 'key');
            const params = property(message, 'params');
            const names = key ? literals(key, new Map(), fn) : null;
            const passed = params ? keys(params, new Map()) : [];
            // A key built at run time (`grants.moved.${action}`) cannot be checked here.
            if (!names) continue;
            for (const name of names)
              flashes.push({
                where: `${at(node)} (flash, through the layout)`,
                key: name,
                params: passed ? layoutPasses(passed) : null,
              });
          }
        }
        if (
          node.expression.text === 'queueMail' &&
          first &&
          ts.isObjectLiteralExpression(first) &&
          !rel.startsWith('src/shared/mail/')
        ) {
          mailCalls += 1;
          const template = property(first, 'template');
          const params = property(first, 'params');
          for (const env of environments(node, source)) {
            const names = template ? literals(template, env, fn) : null;
            const passed = params ? keys(params, env) : [];
            if (!names || !passed) {
              unresolved.push(`${at(node)}: the template or params of this email cannot be read statically`);
              continue;
            }
            for (const name of names) {
              for (const part of ['subject', 'body'])
                mails.push({
                  where: `${at(node)} (${name})`,
                  key: `emails.${name}.${part}`,
                  params: [...passed, ...MAIL_IMPLICIT],
                });
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { translations, mails, flashes, unresolved, mailCalls };
}

describe('i18n usage: every message gets the placeholders it shows, in Thai and English', function () {
  // Parsing every view and source file takes a few seconds on a busy machine.
  this.timeout(60_000);
  it('finds the problems it is meant to find (a missing placeholder, a plural without count, a missing key)', () => {
    assert.deepEqual(problemsOf({ where: 'x', key: 'pagination.status', params: ['page', 'pages'] }), []);
    assert.equal(
      problemsOf({ where: 'x', key: 'pagination.status', params: ['page'] }).length,
      2,
      'both locales lack {{pages}}',
    );
    assert.equal(problemsOf({ where: 'x', key: 'no.such.key', params: [] }).length, 2);
    const pluralKey = (function find(node: Record<string, unknown>, prefix: string): string | null {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'object' && v) {
          const inner = find(v as Record<string, unknown>, `${prefix}${k}.`);
          if (inner) return inner;
        } else if (k.endsWith('_other')) return `${prefix}${k.slice(0, -'_other'.length)}`;
      }
      return null;
    })(catalogues.en, '');
    assert.ok(pluralKey, 'the catalogue has a plural');
    assert.ok(problemsOf({ where: 'x', key: pluralKey, params: [] }).some((p) => /no count/.test(p)));
    // A layout that hands a flash message only its `name` starves one flashed with a count.
    assert.deepEqual(flashPasses('{{#each flash}}<p>{{t key name=params.name}}</p>{{/each}}')(['count']), []);
    assert.deepEqual(flashPasses('{{#each flash}}<p>{{t key params=params}}</p>{{/each}}')(['count']), ['count']);
  });

  it('in the views ({{t "key" …}} and (t "key" …))', () => {
    const uses = viewUses();
    assert.ok(uses.length > 300, `found only ${uses.length} uses`);
    const problems = uses.flatMap(problemsOf);
    assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`);
  });

  it("in the code's translate(locale, 'key', { … }) calls", () => {
    const { translations } = codeUses();
    assert.ok(translations.length > 5, `found only ${translations.length} uses`);
    const problems = translations.flatMap(problemsOf);
    assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`);
  });

  it('in the flash messages code shows on the next page (through the layout)', () => {
    const { flashes } = codeUses();
    assert.ok(flashes.length > 20, `found only ${flashes.length} flash messages`);
    const problems = flashes.flatMap(problemsOf);
    assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`);
  });

  it('in every email the app sends (subject and body)', () => {
    const { mails, unresolved, mailCalls } = codeUses();
    assert.ok(mailCalls >= 10, `found only ${mailCalls} queueMail calls`);
    const templates = new Set(mails.map((u) => u.key.split('.')[1]));
    // Every template in the catalogue is sent from somewhere the check can read.
    const known = Object.keys(catalogues.th.emails as Record<string, unknown>);
    const unread = known.filter((t) => !templates.has(t) && !NOT_SENT_BY_THE_APP.includes(t));
    const problems = [
      ...unresolved,
      ...unread.map(
        (t) => `emails.${t}: no queueMail call found for it (unused, or sent in a way this check cannot read)`,
      ),
      ...mails.flatMap(problemsOf),
    ];
    assert.deepEqual(problems, [], `${problems.length} problems:\n${problems.join('\n')}`);
  });
});
