/** The part of jStat scale-audit uses (the package ships no types). */
declare module 'jstat' {
  interface JStat {
    studentt: { inv(p: number, dof: number): number };
    normal: { inv(p: number, mean: number, std: number): number };
  }
  const jStat: { jStat: JStat } & JStat;
  export default jStat;
}
