#!/usr/bin/env bash
# Rebuilds the seeds of `run.sh --gias` (Tools/fuzz/gias-corpus/) and
# `run.sh --postcodes` (Tools/fuzz/postcodes-corpus/): the sample GIAS
# extract and postcode directory of Data/import-sample, and small hand-made
# files touching what the readers tell apart.
#
# A GIAS seed is an option byte (FuzzGIAS.swift: bits 0-1 the missing-capacity
# rule, bit 2 a radius, bit 3 LAs 886 and 887) and then the extract; a
# postcode seed is a block-size byte (FuzzPostcodes.swift) and then the
# directory.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
gias="$root/Tools/fuzz/gias-corpus"
postcodes="$root/Tools/fuzz/postcodes-corpus"
sample="$root/Data/import-sample"
rm -rf "$gias" "$postcodes"
mkdir -p "$gias" "$postcodes"

# seed FILE BYTE: the byte (two hex digits), then standard input.
seed() {
  {
    printf "\\x$2"
    cat
  } >"$1"
}

for flags in 00 01 02 04 0c 0d 0e; do
  seed "$gias/sample-$flags" "$flags" <"$sample/edubasealldata.csv"
done

# Only the columns the importer reads, Windows-1252 (0x92 is a right quote),
# CRLF: units of both kinds, a school without a capacity, a closed school, a
# college aged 16-99, section 41, a non-maintained special school, schools
# of LA 887 near and far, an unknown type and a type skipped.
header='URN,LA (code),EstablishmentName,TypeOfEstablishment (name),EstablishmentStatus (name),StatutoryLowAge,StatutoryHighAge,Gender (name),Easting,Northing,SchoolCapacity,NumberOfPupils,SEN1 (name),SEN2 (name),TypeOfResourcedProvision (name),ResourcedProvisionCapacity,ResourcedProvisionOnRoll,SenUnitCapacity,SenUnitOnRoll,FurtherEducationType (name),Section41Approved (name)'
small() {
  printf '%s\r\n' "$header"
  printf '100001,886,St Anne\x92s Primary,Voluntary aided school,Open,4,11,Mixed,575400,160900,420,396,ASD - Autistic Spectrum Disorder,,Resourced provision and SEN unit,14,11,12,\r\n'
  printf '100002,886,"Oak Special School, Upper",Community special school,"Open, but proposed to close",2,19,Girls,577900,162100,,154,SLD - Severe Learning Difficulty,PMLD - Profound and Multiple Learning Difficulty,Not applicable,,,,,,\r\n'
  printf '100003,886,Old Mill Primary,Community school,Closed,4,11,Mixed,575000,160000,,,,,,,,,,,\r\n'
  printf '100004,886,Mid Kent College,Further education,Open,16,99,Mixed,575000,159000,,2400,,,,,,,,General Further Education College,\r\n'
  printf '100005,886,Weald House,Other independent special school,Open,8,18,Boys,581200,154600,45,38,"SEMH - Social, Emotional and Mental Health",,,,,,,,Approved\r\n'
  printf '100006,886,Hope Trust School,Non-maintained special school,Open,5,19,Mixed,576000,161000,60,50,HI - Hearing Impairment,,,,,,,,\r\n'
  printf '100101,887,Rochester College,Foundation special school,Open,11,19,Mixed,574000,168500,110,102,MLD - Moderate Learning Difficulty,,,,,,,,\r\n'
  printf '100102,887,Far Grove School,Community special school,Open,4,11,Not applicable,695000,975000,80,80,,,,,,,,,\r\n'
  printf '100007,886,Somewhere,Wholly new kind of school,Open,4,11,Mixed,575000,160000,10,10,,,,,,,,,\r\n'
  printf '100008,886,Welsh School,Welsh establishment,Open,4,11,Mixed,575000,160000,10,10,,,,,,,,,\r\n'
}
for flags in 00 01 02 0c 0e; do small | seed "$gias/small-$flags" "$flags"; done
# The same re-saved as UTF-8 with a byte-order mark and LF line ends.
{
  printf '\xEF\xBB\xBF'
  small | iconv -f WINDOWS-1252 -t UTF-8 | tr -d '\r'
} | seed "$gias/small-utf8" 0c
# Problems together: a bad URN, ages reversed, off the grid, a bad SEN name.
{
  printf '%s\r\n' "$header"
  printf '=1+1,886,Formula,Community special school,Open,11,4,Mixed,-5,2000000,10,abc,Nothing,,,,,,,,\r\n'
  printf '100009,886,,Community special school,Open,4,11,Other,575000,160000,100001,5,,,,,,,,,\r\n'
  printf '100009,886,Twice,Community special school,Open,4,11,Mixed,575000,160000,10,5,,,,,,,,,\r\n'
} | seed "$gias/problems" 00

for byte in 00 03 40 ff; do seed "$postcodes/sample-$byte" "$byte" <"$sample/postcodes.csv"; done
# ONSPD with only its four columns, LF, unquoted; a terminated, a Northern
# Irish, a no-grid (osgrdind 9) and an empty-position row.
{
  printf 'pcds,doterm,oseast1m,osnrth1m,osgrdind\n'
  printf 'AB1 0AA,,385386,801193,1\n'
  printf 'ab10 1ab,202001,394251,806376,1\n'
  printf 'BT1 1AA,,146700,530500,1\n'
  printf 'GY1 1AA,,,,9\n'
  printf 'M1 1AE,,384000.5,398000.25,1\n'
  printf 'EC1A 1BB,,,,1\n'
} | seed "$postcodes/onspd-small" 01
# OS Code-Point Open: no header, quoted postcode, quality 90 for no position.
{
  printf '"AB101AB",10,394251,806376,"S92000003","","S08000020","","S12000033","S13002842"\r\n'
  printf '"AB101AF",10,394181,806429,"S92000003","","S08000020","","S12000033","S13002842"\r\n'
  printf '"AB101AG",90,0,0,"S92000003","","S08000020","","S12000033","S13002842"\r\n'
  printf '"SW1A 2AA",10,530047,179951,"E92000001","E19000003","E18000007","","E09000033","E05013806"\r\n'
} | seed "$postcodes/codepoint-small" 02
# A long line across small blocks, a BOM, a bad number, too few fields.
{
  printf '\xEF\xBB\xBFpcds,doterm,oseast1m,osnrth1m,%s\r\n' "$(printf 'x%.0s' $(seq 300))"
  printf 'CB2 1TN,,544000,258000\r\n'
  printf 'CB2 1TP,,5e4x,258000\r\n'
  printf 'CB2 1TQ,\r\n'
} | seed "$postcodes/onspd-problems" 00
