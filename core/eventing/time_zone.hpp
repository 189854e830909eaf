#pragma once
// Time zones for cron schedules without a tz database: a standard UTC offset plus, for zones that
// observe it, the CURRENT daylight-saving rule of their region applied to every year:
//   US (since 2007): second Sunday of March 02:00 local -> first Sunday of November 02:00 local;
//   EU: last Sunday of March 01:00 UTC -> last Sunday of October 01:00 UTC;
//   AU (south-east): first Sunday of October 02:00 local -> first Sunday of April 03:00 local.
// Local-time construction follows Go's time.Date algorithm, including its choice in the
// spring-forward gap (02:30 on 2026-03-08 in New York -> 06:30Z, i.e. 01:30 EST).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/eventing/civil_time.hpp"

namespace knsim::core::eventing {

struct TimeZone {
  enum class Dst { kNone, kUs, kEu, kAu };
  std::string name = "UTC";
  int std_offset = 0;  // seconds east of UTC
  Dst dst = Dst::kNone;

  // UTC offset in effect at Unix instant `utc` (std_offset, + 3600 in daylight time).
  int offset_at(std::int64_t utc) const;
  CivilTime to_local(std::int64_t utc) const { return civil_from_unix(utc + offset_at(utc)); }
  // Go's time.Date(local fields, loc).Unix(); fields may be out of range (month 13, day 32) and are
  // normalised like Go's.
  std::int64_t from_local(CivilTime local) const;
};

// Supported names: UTC, GMT, Etc/UTC, Etc/GMT, Local (= UTC), Etc/GMT±N (POSIX sign), about 30 IANA
// zones without DST, and the main US, Canadian, European and south-east Australian zones with DST
// (see time_zone.cpp). nullopt for anything else.
std::optional<TimeZone> find_time_zone(std::string_view name);

}  // namespace knsim::core::eventing
