import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles } from '../server/src/cli/discover';
import { writeGeneratedProject } from './generate';

/**
 * Shipped code of popular npm packages, pinned by version and tarball digest so every run and
 * every machine benchmarks the same bytes. Chosen to be large (~9,200 lintable files, ~78 MB) and
 * to exercise both the pre-check (most files mention no crypto) and the analysis (crypto and TLS
 * libraries, SDKs with signing code, bundles that mention `crypto` in passing).
 */
export const CORPUS_PACKAGES: ReadonlyArray<{ spec: string; integrity: string }> = [
  { spec: 'ajv@8.17.1', integrity: 'sha512-B/gBuNg5SiMTrPkC+A2+cW0RszwxYmn6VYxB/inlBStS5nx6xHIt/ehKRhIMhqusl7a8LjQoZnjCs5vhwxOQ1g==' },
  { spec: 'aws-sdk@2.1692.0', integrity: 'sha512-x511uiJ/57FIsbgUe5csJ13k3uzu25uWQE+XqfBis/sB0SFoiElJWXRkgEAUh0U6n40eT3ay5Ue4oPkRMu1LYw==' },
  { spec: 'axios@1.7.9', integrity: 'sha512-LhLcE7Hbiryz8oMDdDptSrWowmB4Bl6RCt6sIJKpRB4XtVf0iEgewX3au/pJqm+Py1kCASkb/FFKjxQaLtxJvw==' },
  { spec: '@babel/core@7.26.0', integrity: 'sha512-i1SLeK+DzNnQ3LL/CswPCa/E5u4lh1k6IAEphON8F+cXt0t9euTshDru0q7/IqMa1PMPz5RnHuHscF8/ZJsStg==' },
  { spec: '@babel/types@7.26.3', integrity: 'sha512-vN5p+1kl59GVKMvTHt55NzzmYVxprfJD+ql7U9NFIfKCBkYE55LYtS+WtPlaYOyzydrKI8Nezd+aZextrd+FMA==' },
  { spec: 'core-js@3.39.0', integrity: 'sha512-raM0ew0/jJUqkJ0E6e8UDtl+y/7ktFivgWvqw8dNSQeNWoSDLvQ1H/RN3aPXB9tBd4/FhyR4RDPGhsNIMsAn7g==' },
  { spec: 'crypto-js@4.2.0', integrity: 'sha512-KALDyEYgpY+Rlob/iriUtjV6d5Eq+Y191A5g4UqLAi8CyGP9N1+FdVbkc1SxKc2r4YAYqG8JzO2KGL+AizD70Q==' },
  { spec: 'elliptic@6.6.1', integrity: 'sha512-RaddvvMatK2LJHqFJ+YA4WysVN5Ita9E35botqIYspQ4TkRAlCicdzKOjlyv/1Za5RyTNn7di//eEV0uTAfe3g==' },
  { spec: 'eslint@9.17.0', integrity: 'sha512-evtlNcpJg+cZLcnVKwsai8fExnqjGPicK7gnUtlNuzu+Fv9bI0aLpND5T44VLQtoMEnI57LoXO9XAkIXwohKrA==' },
  { spec: 'express@4.21.2', integrity: 'sha512-28HqgMZAmih1Czt9ny7qr6ek2qddF4FclbMzwhCREB6OFfH+rXAnuNCwo1/wFvrtbgsQDb4kSbX9de9lFbrXnA==' },
  { spec: 'got@14.4.5', integrity: 'sha512-sq+uET8TnNKRNnjEOPJzMcxeI0irT8BBNmf+GtZcJpmhYsQM1DSKmCROUjPWKsXZ5HzwD5Cf5/RV+QD9BSTxJg==' },
  { spec: 'ioredis@5.4.2', integrity: 'sha512-0SZXGNGZ+WzISQ67QDyZ2x0+wVxjjUndtD8oSeik/4ajifeiRufed8fCb8QW8VMyi4MXcS+UO1k/0NGhvq1PAg==' },
  { spec: 'jose@5.9.6', integrity: 'sha512-AMlnetc9+CV9asI19zHmrgS/WYsWUwCn2R7RzlbJWD7F9eWYUTGyBmU9o6PxngtLGOiDGPRu+Uc4fhKzbpteZQ==' },
  { spec: 'jsonwebtoken@9.0.2', integrity: 'sha512-PRp66vJ865SSqOlgqS8hujT5U4AOgMfhrwYIuIhfKaoSCZcirrmASQr8CX7cUg+RMih+hgznrjp99o+W4pJLHQ==' },
  { spec: 'jsrsasign@11.1.0', integrity: 'sha512-Ov74K9GihaK9/9WncTe1mPmvrO7Py665TUfUKvraXBpu+xcTWitrtuOwcjf4KMU9maPaYn0OuaWy0HOzy/GBXg==' },
  { spec: 'lodash@4.17.21', integrity: 'sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg==' },
  { spec: 'moment@2.30.1', integrity: 'sha512-uEmtNhbDOrWPFS+hdjFCBfy9f2YoyzRpwcl+DqpC6taX21FzsTLQVbMV/W7PzNSX6x/bhC1zA3c2UQ5NzH6how==' },
  { spec: 'mongodb@6.12.0', integrity: 'sha512-RM7AHlvYfS7jv7+BXund/kR64DryVI+cHbVAy9P61fnb1RcWZqOW1/Wj2YhqMCx+MuYhqTRGv7AwHBzmsCKBfA==' },
  { spec: 'mysql2@3.11.5', integrity: 'sha512-0XFu8rUmFN9vC0ME36iBvCUObftiMHItrYFhlCRvFWbLgpNqtC4Br/NmZX1HNCszxT0GGy5QtP+k3Q3eCJPaYA==' },
  { spec: 'node-forge@1.3.1', integrity: 'sha512-dPEtOeMvF9VMcYV/1Wb8CPoVAXtp6MKMlcbAt4ddqmGqUJ6fQZFXkNZNkNlfevtNkGtaSoXf/vNNNSvgrdXwtA==' },
  { spec: 'nodemailer@6.9.16', integrity: 'sha512-psAuZdTIRN08HKVd/E8ObdV6NO7NTBY3KsC30F7M4H1OnmLCUNaS56FpYxyb26zWLSyYF9Ozch9KYHhHegsiOQ==' },
  { spec: 'openpgp@6.0.1', integrity: 'sha512-3lReDKjgWsKFArZT4Y/yj7/Q0q6/VhXarn4WqKEkyiBWckNjrThSGoB1t0IKo3Ke0ClvBpyQfTwumkGUkxOwww==' },
  { spec: 'pg@8.13.1', integrity: 'sha512-OUir1A0rPNZlX//c7ksiu7crsGZTKSOXJPgtNiHGIlC9H0lO+NC6ZDYksSgBYY/thSWhnSRBv8w1lieNNGATNQ==' },
  { spec: 'react-dom@18.3.1', integrity: 'sha512-5m4nQKp+rZRb09LNH59GM4BxTh9251/ylbKIbpe7TpGxfJ+9kv6BLkLBXIjjspbgbnIBNqlI23tRnTWT0snUIw==' },
  { spec: 'rxjs@7.8.1', integrity: 'sha512-AA3TVj+0A2iuIoQkWEK/tqFjBq2j+6PO6Y0zJcvzLAFhEFIO3HL0vls9hWLncZbAAbK0mar7oZ4V079I/qPMxg==' },
  { spec: 'sshpk@1.18.0', integrity: 'sha512-2p2KJZTSqQ/I3+HX42EpYOa2l3f8Erv8MWKsy2I9uf4wA7yFIkXRffYdsx86y6z4vHtV8u7g+pPlr8/4ouAxsQ==' },
  { spec: 'typescript@5.7.2', integrity: 'sha512-i5t66RHxDvVN40HfDd1PsEThGNnlMCMT3jMUuoh9/0TaqWevNontacunWyN02LA9/fIbEWlcHZcgTKb9QoaLfg==' },
  { spec: 'undici@6.21.0', integrity: 'sha512-BUgJXc752Kou3oOIuU1i+yZZypyZRqNPW0vqoMPl8VaoalSfeR0D8/t4iAS3yirs79SSMTxTag+ZC86uswv+Cw==' },
  { spec: 'webpack@5.97.1', integrity: 'sha512-EksG6gFY3L1eFMROS/7Wzgrii5mBAFe4rIr3r2BTfo7bcc+DWwFZ4OJ/miOuHJO/A85HwyI4eQ0F6IKXesO7Fg==' },
  { spec: 'ws@8.18.0', integrity: 'sha512-8VbfWfHLbbwu3+N6OKsOMpBdT4kXPDDB9cJk2bJ6mh9ucxdlnNvH1e+roYkKmN9Nxw2yjz7VzeO9oOz2zJ04Pw==' },
];

/** Bump when the corpus's layout or the generated files change, so caches are rebuilt. */
const CORPUS_LAYOUT = 1;

export interface Corpus {
  root: string;
  /** Every file fipslint lints in the corpus, in scan order: the floor and the peers get the same list. */
  files: string[];
  bytes: number;
  /** The generated 5,000-line TypeScript file dense with crypto calls. */
  denseFile: string;
  /** A small file inside the corpus (a project of thousands of files) that imports a project constant. */
  smallFile: string;
  /** A large real file dense with crypto: node-forge's TLS implementation. */
  realLargeFile: string;
}

export const packageFolder = (spec: string) => spec.replace(/^@/, '').replace('/', '-').replace('@', '-');

/** Builds the corpus under cacheDir once (download, verify, unpack, generate); later calls only list it. */
export function ensureCorpus(cacheDir: string, log: (line: string) => void): Corpus {
  const root = path.join(cacheDir, `corpus-v${CORPUS_LAYOUT}`);
  const done = path.join(root, '.complete');
  if (!fs.existsSync(done)) {
    const tarballs = path.join(cacheDir, 'tarballs');
    fs.mkdirSync(tarballs, { recursive: true });
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    for (const { spec, integrity } of CORPUS_PACKAGES) {
      const tarball = path.join(tarballs, `${packageFolder(spec)}.tgz`);
      if (!fs.existsSync(tarball) || digestOf(tarball) !== integrity) {
        log(`downloading ${spec}`);
        // npm pack fetches the published tarball; it runs no package scripts.
        const out = execFileSync('npm', ['pack', spec, '--json', '--pack-destination', tarballs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
        const packed = path.join(tarballs, (JSON.parse(out) as Array<{ filename: string }>)[0].filename);
        if (packed !== tarball) fs.renameSync(packed, tarball);
      }
      const actual = digestOf(tarball);
      if (actual !== integrity) throw new Error(`${spec}: tarball digest ${actual} is not the pinned ${integrity}`);
      const dir = path.join(root, packageFolder(spec));
      fs.mkdirSync(dir, { recursive: true });
      execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1', '--no-same-owner']);
    }
    writeGeneratedProject(path.join(root, 'generated'));
    fs.writeFileSync(done, new Date().toISOString());
  }
  const files = discoverFiles([root]).files;
  const bytes = files.reduce((sum, file) => sum + fs.statSync(file).size, 0);
  return {
    root,
    files,
    bytes,
    denseFile: path.join(root, 'generated', 'crypto-dense.ts'),
    smallFile: path.join(root, 'generated', 'service', 'token.ts'),
    realLargeFile: path.join(root, 'node-forge-1.3.1', 'lib', 'tls.js'),
  };
}

function digestOf(file: string): string {
  return 'sha512-' + createHash('sha512').update(fs.readFileSync(file)).digest('base64');
}
