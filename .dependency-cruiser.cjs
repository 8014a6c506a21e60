/** Import rules for src/ and checks/ (docs/architecture.md, "Layers"): no cycles, and result/ is the bottom layer. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle: one of the files belongs lower down.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'result-is-the-bottom-layer',
      severity: 'error',
      comment: 'src/result/ (RunResult, its schema, read and write) imports nothing above it.',
      from: { path: '^src/result/' },
      to: { path: '^(src/(load|edge|sources|audit|report|compare|run|merge|commands|drill|capacity|flow|history|metrics|demo|ui)/|checks/)' },
    },
    {
      name: 'checks-are-pure-rules',
      severity: 'error',
      comment: 'checks/ reads evidence types and helpers only: no engine, sources, audit, report or commands.',
      from: { path: '^checks/' },
      to: { path: '^src/(load|sources|audit|report|compare|run|merge|commands|drill|capacity|flow|history|metrics|demo)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.build.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
