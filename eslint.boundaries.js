// Module boundaries (DESIGN.md "Module boundaries"), enforced so nobody drifts by accident:
//   - modules are layered, arrows only downward: shared ← accounts ← accounting ← directory ← funds ← grants ← community
//     ← site ← admin;
//   - another module is reached only through its index.ts (never its models or internals);
//   - controllers use services: no mongoose, no models;
//   - shared code imports no module and not the config; the app, routes, server and jobs use index.ts only.
// Import specifiers are relative, so the rules match them with regular expressions.
export const LAYERS = ['accounts', 'accounting', 'directory', 'funds', 'grants', 'community', 'site', 'admin'];

const up = String.raw`^(?:\.\./)+`;
const alternation = (names) => `(?:${names.join('|')})`;

function modulePatterns(name) {
  const others = LAYERS.filter((m) => m !== name);
  const above = LAYERS.slice(LAYERS.indexOf(name) + 1);
  const patterns = [
    {
      regex: `${up}${alternation(others)}/(?!index\\.js$)`,
      message: 'Another module is imported through its index.ts only (never its models or internals).',
    },
  ];
  if (above.length > 0) {
    patterns.push({
      regex: `${up}${alternation(above)}/`,
      message: `Modules import only modules below them (${LAYERS.join(' ← ')}): inject what a higher one provides.`,
    });
  }
  return patterns;
}

const controllerPatterns = [
  { regex: '^mongoose$', message: 'Controllers call services; only services and models use mongoose.' },
  { regex: String.raw`\.model\.js$`, message: 'Controllers call services; only services read and write models.' },
];

export const boundaries = [
  ...LAYERS.flatMap((name) => [
    {
      files: [`src/modules/${name}/**/*.ts`],
      ignores: ['**/*.controller.ts'],
      rules: { 'no-restricted-imports': ['error', { patterns: modulePatterns(name) }] },
    },
    {
      files: [`src/modules/${name}/**/*.controller.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...modulePatterns(name), ...controllerPatterns] }] },
    },
  ]),
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `${up}(?:modules|config)/`,
              message: 'Shared code imports no module and not the config: take what it needs as a parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/*.ts', 'jobs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `modules/${alternation(LAYERS)}/(?!index\\.js$)`,
              message: 'The app and its jobs reach a module through its index.ts only.',
            },
          ],
        },
      ],
    },
  },
];
