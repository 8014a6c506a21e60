import { describe, expect, it } from 'vitest';
import { describeClasses, errorClassesOf } from '../../../src/drill/error-classes.js';

describe('errorClassesOf', () => {
  it('names HTTP errors by status and keeps transport classes', () => {
    expect(
      errorClassesOf({ errors_by_class: { http: 5, refused: 2 }, status_codes: { 200: 90, 429: 4, 504: 1 } }),
    ).toEqual({ '429': 4, '504': 1, refused: 2 });
  });

  it('counts HTTP errors no status explains as "http" (a 200 failing its `expect`)', () => {
    expect(errorClassesOf({ errors_by_class: { http: 3 }, status_codes: { 200: 97, 500: 1 } })).toEqual({
      '500': 1,
      http: 2,
    });
  });
});

describe('describeClasses', () => {
  it('one class: "all …"; several: shares of the biggest three', () => {
    expect(describeClasses({ reset: 12 })).toBe('all resets');
    expect(describeClasses({ '503': 3, timeout: 1 })).toBe('75% 503s (shed), 25% timeouts');
    expect(describeClasses({})).toBe('no errors');
  });
});
