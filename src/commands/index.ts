import type { Command } from 'commander';
import { registerRun } from './run.js';
import { registerDemo } from './demo.js';
import { registerInit } from './init.js';
import { registerProbe } from './probe.js';
import { registerReport } from './report.js';
import { registerCompare } from './compare.js';
import { registerDrill } from './drill.js';
import { registerMerge } from './merge.js';
import { registerCapacity } from './capacity.js';
import { registerHistory } from './history.js';
import { registerCalibrate } from './calibrate.js';

export function registerCommands(program: Command): void {
  for (const register of [
    registerRun,
    registerDemo,
    registerInit,
    registerProbe,
    registerReport,
    registerCompare,
    registerDrill,
    registerMerge,
    registerCapacity,
    registerHistory,
    registerCalibrate,
  ]) {
    register(program);
  }
}
