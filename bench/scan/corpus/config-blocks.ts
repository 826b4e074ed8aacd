// One block of plausible configuration or prose per call: YAML, JSON, .env, Dockerfile, Markdown.
import type { BlockWriter } from './code-blocks.js';

export const yamlBlock: BlockWriter = (kit, out) => {
  if (kit.chance(0.5)) {
    out.push(
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${kit.snake(2).replace(/_/g, '-')}`,
    );
    out.push(
      '  labels:',
      `    app: ${kit.word()}`,
      `    version: "${kit.semver()}"`,
      'spec:',
      `  replicas: ${kit.int(1, 6)}`,
    );
    out.push('  template:', '    spec:', '      containers:', `        - name: ${kit.word()}`);
    out.push(`          image: registry.example.com/${kit.word()}:${kit.hex(12)}`, '          env:');
    for (let i = kit.int(2, 8); i > 0; i--) {
      out.push(`            - name: ${kit.screaming(2)}`, `              value: "${kit.value()}"`);
    }
    return;
  }
  out.push(`${kit.snake(1)}:`, `  # ${kit.sentence()}`);
  for (let i = kit.int(3, 12); i > 0; i--) out.push(`  ${kit.snake(2)}: ${kit.value()}`);
  out.push(
    `  steps:`,
    `    - uses: actions/checkout@${kit.hex(40)}`,
    `    - run: npm ci && npm test -- --shard=${kit.int(1, 4)}`,
  );
};

export const jsonBlock: BlockWriter = (kit, out) => {
  out.push('  {');
  out.push(
    `    "id": "${kit.uuid()}",`,
    `    "${kit.camel(2)}": "${kit.value()}",`,
    `    "createdAt": "${new Date(1.7e12 + kit.int(0, 3e10)).toISOString()}",`,
  );
  out.push(`    "checksum": "${kit.hex(64)}",`, `    "payload": "${kit.base64(kit.int(24, 300))}",`);
  for (let i = kit.int(1, 6); i > 0; i--)
    out.push(`    "${kit.camel(2)}": ${kit.chance(0.5) ? kit.int(0, 1e6) : `"${kit.value()}"`},`);
  out.push(`    "enabled": ${kit.chance(0.5)}`, '  },');
};

export const envBlock: BlockWriter = (kit, out) => {
  out.push(`# ${kit.sentence(3, 8)}`);
  for (let i = kit.int(2, 6); i > 0; i--) {
    switch (kit.int(0, 3)) {
      case 0:
        out.push(`${kit.screaming(2)}_URL=${kit.url()}`);
        break;
      case 1:
        out.push(`${kit.screaming(2)}_ID=${kit.uuid()}`);
        break;
      case 2:
        out.push(`${kit.screaming(1)}_JWT=${kit.jwt()}`);
        break;
      default:
        out.push(`${kit.screaming(2)}=${kit.value().replace(/\s/g, '_')}`);
    }
  }
  out.push('');
};

export const dockerfileBlock: BlockWriter = (kit, out) => {
  out.push(`FROM node:20-bookworm-slim@sha256:${kit.hex(64)} AS ${kit.word()}`, 'WORKDIR /app');
  out.push(`ENV ${kit.screaming(2)}=${kit.word()} NODE_ENV=production`, 'COPY package*.json ./');
  out.push('RUN npm ci --omit=dev && npm cache clean --force', `# ${kit.sentence()}`);
  out.push(`RUN apt-get update && apt-get install -y --no-install-recommends ${kit.words(3).join(' ')}`);
  out.push(`COPY --chown=node:node ${kit.word()}/ ./${kit.word()}/`, `EXPOSE ${kit.int(3000, 9000)}`, '');
};

export const markdownBlock: BlockWriter = (kit, out) => {
  out.push(`## ${kit.pascal(1)} ${kit.words(kit.int(1, 4)).join(' ')}`, '');
  for (let p = kit.int(1, 3); p > 0; p--) {
    out.push(Array.from({ length: kit.int(2, 6) }, () => kit.sentence()).join(' '), '');
  }
  if (kit.chance(0.5)) {
    out.push(
      '```bash',
      `curl -X POST ${kit.url()} \\`,
      `  -H "Authorization: Bearer $${kit.screaming(2)}" \\`,
    );
    out.push(`  -d '{"${kit.camel(1)}":"${kit.uuid()}"}'`, '```', '');
  } else {
    out.push(`- ${kit.sentence(3, 8)}`, `- See [${kit.word()}](${kit.url()}) → ${kit.sentence(2, 5)}`, '');
  }
};
