/**
 * Installer configuration (electron-builder): AppImage + deb on Linux, NSIS on Windows, dmg on macOS.
 * `npm run dist` builds for the current platform; `npm run dist:dir` writes only the unpacked app
 * (what test/integration/packaging checks, with a stand-in Electron where the real one is missing).
 *
 * Native modules must live outside app.asar: Node loads `.node` files with dlopen, which cannot read
 * inside an archive (node-llama-cpp and LanceDB look for `app.asar.unpacked` themselves). Only the
 * node-llama-cpp binaries of the platform being built are packed, following node-llama-cpp's
 * Electron packaging guide; the CUDA builds (540 MB on Linux x64) are left out unless
 * BENCHMATE_DIST_CUDA=1, because the Vulkan and CPU builds already cover laptops' GPUs.
 * All native modules here are N-API prebuilds, so nothing is rebuilt for Electron (npmRebuild: false).
 */
const withCuda = process.env.BENCHMATE_DIST_CUDA === '1';

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'app.benchmate.desktop',
  productName: 'Benchmate',
  executableName: 'benchmate',
  copyright: 'Benchmate contributors',
  asar: true,
  npmRebuild: false,
  directories: { output: 'dist', buildResources: 'resources' },
  // electron-builder downloads Electron unless told where it is; ELECTRON_DIST points at an unpacked
  // Electron (the packaging test passes a stand-in there because this machine cannot download one).
  electronDist: process.env.BENCHMATE_ELECTRON_DIST || undefined,
  files: [
    'out/**/*',
    'package.json',
    '!node_modules/node-llama-cpp/bins/**/*',
    'node_modules/node-llama-cpp/bins/${os}-${arch}*/**/*',
    '!node_modules/@node-llama-cpp/*/bins/**/*',
    'node_modules/@node-llama-cpp/${os}-${arch}*/bins/**/*',
    ...(withCuda ? [] : ['!node_modules/@node-llama-cpp/*cuda*/**/*']),
    '!node_modules/node-llama-cpp/llama/localBuilds/**/*',
    'node_modules/node-llama-cpp/llama/localBuilds/${os}-${arch}*/**/*',
    // llama.cpp's source bundle is only for building from source, which a packaged app never does.
    '!node_modules/node-llama-cpp/llama/gitRelease.bundle',
    '!**/*.{map,md,ts,tsbuildinfo}',
    '!**/{test,tests,__tests__,docs,example,examples}/**/*'
  ],
  asarUnpack: [
    'node_modules/node-llama-cpp/bins/**/*',
    'node_modules/node-llama-cpp/llama/localBuilds/**/*',
    'node_modules/@node-llama-cpp/**/*',
    'node_modules/@lancedb/**/*.node',
    'node_modules/@napi-rs/**/*.node'
  ],
  extraResources: [{ from: 'resources/icon.png', to: 'icon.png' }],
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons',
    category: 'Utility',
    maintainer: 'Benchmate contributors',
    synopsis: 'Cited answers from your equipment manuals, offline',
    executableArgs: [],
    desktop: {
      entry: {
        Name: 'Benchmate',
        GenericName: 'Manual assistant',
        Comment: 'Ask your equipment manuals; answers cite the page',
        Categories: 'Utility;Documentation;',
        Keywords: 'manual;pdf;service;repair;',
        StartupWMClass: 'Benchmate'
      }
    },
    artifactName: 'benchmate-${version}-${arch}.${ext}'
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1', 'libasound2'] },
  win: { target: [{ target: 'nsis', arch: ['x64'] }], icon: 'resources/icon.ico', artifactName: 'benchmate-setup-${version}.${ext}' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false },
  mac: {
    target: [{ target: 'dmg', arch: ['arm64', 'x64'] }],
    icon: 'resources/icon.icns',
    category: 'public.app-category.productivity',
    artifactName: 'benchmate-${version}-${arch}.${ext}'
  }
};
