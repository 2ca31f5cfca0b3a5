// Prints, for each Gregorian year FROM..TO, the days the library gives for 除夕, 正月初一, 清明,
// 端午 (五月初五) and 中秋 (八月十五): "YEAR EVE SPRING QINGMING DRAGON_BOAT MID_AUTUMN".
import lunar from 'lunar-javascript';

const { Lunar } = lunar;
const [from, to] = process.argv.slice(2).map(Number);
for (let y = from; y <= to; y++) {
  const day = (m, d) => Lunar.fromYmd(y, m, d).getSolar();
  const spring = day(1, 1);
  const qingming = Lunar.fromYmd(y, 3, 1).getJieQiTable()['清明'];
  console.log([y, spring.next(-1), spring, qingming, day(5, 5), day(8, 15)]
    .map((x) => (typeof x === 'number' ? x : x.toYmd())).join(' '));
}
