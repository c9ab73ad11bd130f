"""Reminders go out at the employer's send hour on its own clock, daylight saving time included."""
from __future__ import annotations

import datetime as dt

import pytest

from employer_portal.deadlines.schedule import (
    CANADIAN_TIME_ZONES, PROVINCE_TIME_ZONES, employer_time_zone, local_time, send_moment,
)
from employer_portal.reminders.settings_input import parse_send_hour, parse_time_zone

UTC = dt.timezone.utc
D = dt.date


def test_vancouver_nine_oclock_is_17_utc_in_winter():
    """Pacific Standard Time is UTC−8: 9:00 in January is 17:00 UTC."""
    assert send_moment(D(2027, 1, 15), "America/Vancouver", 9) == dt.datetime(2027, 1, 15, 17, tzinfo=UTC)


def test_vancouver_nine_oclock_is_16_utc_in_summer():
    """Pacific Daylight Time is UTC−7: 9:00 in July is 16:00 UTC."""
    assert send_moment(D(2027, 7, 15), "America/Vancouver", 9) == dt.datetime(2027, 7, 15, 16, tzinfo=UTC)


def test_the_day_clocks_spring_forward_keeps_nine_oclock_local():
    """DST starts 2027-03-14 at 2:00: 9:00 that day is already daylight time (13:00 UTC in Toronto)."""
    assert send_moment(D(2027, 3, 13), "America/Toronto", 9) == dt.datetime(2027, 3, 13, 14, tzinfo=UTC)
    assert send_moment(D(2027, 3, 14), "America/Toronto", 9) == dt.datetime(2027, 3, 14, 13, tzinfo=UTC)


def test_a_skipped_hour_goes_forward_like_the_clock():
    """2:00 does not exist on 2027-03-14 in Toronto: the reminder goes at 3:00 daylight time."""
    moment = send_moment(D(2027, 3, 14), "America/Toronto", 2)
    assert local_time(moment, "America/Toronto").hour == 3


def test_saskatchewan_has_no_daylight_time():
    """Regina stays UTC−6 all year: 9:00 is 15:00 UTC in winter and summer."""
    assert send_moment(D(2027, 1, 15), "America/Regina", 9).hour == 15
    assert send_moment(D(2027, 7, 15), "America/Regina", 9).hour == 15


def test_newfoundland_is_half_an_hour_off():
    """Newfoundland Standard Time is UTC−3:30: 9:00 is 12:30 UTC."""
    assert send_moment(D(2027, 1, 15), "America/St_Johns", 9) == dt.datetime(2027, 1, 15, 12, 30, tzinfo=UTC)


@pytest.mark.parametrize("province,zone", [("ON", "America/Toronto"), ("QC", "America/Toronto"),
                                           ("BC", "America/Vancouver"), ("AB", "America/Edmonton"),
                                           ("SK", "America/Regina"), ("MB", "America/Winnipeg"),
                                           ("NS", "America/Halifax"), ("PE", "America/Halifax"),
                                           ("NB", "America/Moncton"), ("NL", "America/St_Johns"),
                                           ("YT", "America/Whitehorse"), ("NT", "America/Yellowknife"),
                                           ("NU", "America/Iqaluit")])
def test_without_a_chosen_zone_the_province_decides(province, zone):
    """Each province and territory defaults to its main zone."""
    assert employer_time_zone(None, province) == zone


def test_a_chosen_zone_wins_over_the_province():
    """An Ontario employer in Kenora picks Central time."""
    assert employer_time_zone("America/Winnipeg", "ON") == "America/Winnipeg"
    assert employer_time_zone(None, None) == "America/Toronto"


def test_every_default_zone_can_be_chosen():
    """The select offers every province's default zone."""
    assert set(PROVINCE_TIME_ZONES.values()) <= set(CANADIAN_TIME_ZONES)


def test_time_zone_input():
    """Empty means the province's default; a non-Canadian or unknown zone is refused."""
    assert parse_time_zone("") is None and parse_time_zone("America/Vancouver") == "America/Vancouver"
    with pytest.raises(ValueError, match="not a Canadian time zone"):
        parse_time_zone("Europe/Paris")


@pytest.mark.parametrize("text", ["24", "-1", "9.5", "nine", ""])
def test_send_hour_input_is_a_whole_hour_from_0_to_23(text):
    """0–23 only."""
    with pytest.raises(ValueError):
        parse_send_hour(text)
    assert parse_send_hour(" 0 ") == 0 and parse_send_hour("23") == 23
